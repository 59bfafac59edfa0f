// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {Durations} from "../libraries/Durations.sol";
import {HubMath} from "./HubMath.sol";

/// @notice Versioned terms and plans of a SubscriptionHub. Every change is announced by the owner and takes effect
/// only after NOTICE_PERIOD, fixed at deployment; changes reach only subscribers who join afterwards, because each
/// subscriber snapshots its plan and terms at its first subscription.
abstract contract HubTerms is ISubscriptionHub, Ownable2Step {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Seconds between announcing a change and its taking effect.
    uint256 public immutable NOTICE_PERIOD;

    /// @dev A plan with no retirement scheduled.
    uint40 internal constant _NEVER = type(uint40).max;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Terms version v lives at index v - 1; effectiveAt never decreases along the array.
    Terms[] internal _terms;

    /// @dev Plans by id; ids are dense from zero.
    Plan[] internal _plans;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @dev The initial terms and plans take effect at deployment; only later changes wait for the notice.
    constructor(
        address owner_,
        uint256 noticePeriod,
        uint16 referralBps,
        uint16 poolBps,
        uint32 referralDuration,
        PlanConfig[] memory plans
    ) Ownable(owner_) {
        _checkDuration(noticePeriod);
        NOTICE_PERIOD = noticePeriod;
        _addTerms(referralBps, poolBps, referralDuration, block.timestamp);
        for (uint256 i; i < plans.length; ++i) {
            _addPlan(plans[i].price, plans[i].period, block.timestamp);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISubscriptionHub
    function proposeTerms(
        uint16 referralBps,
        uint16 poolBps,
        uint32 referralDuration
    ) external onlyOwner returns (uint256) {
        return _addTerms(referralBps, poolBps, referralDuration, block.timestamp + NOTICE_PERIOD);
    }

    /// @inheritdoc ISubscriptionHub
    function proposePlan(uint96 price, uint32 period) external onlyOwner returns (uint16) {
        return _addPlan(price, period, block.timestamp + NOTICE_PERIOD);
    }

    /// @inheritdoc ISubscriptionHub
    function proposePlanRetirement(uint16 planId) external onlyOwner {
        if (planId >= _plans.length) revert HubUnknownPlan(planId);
        Plan storage p = _plans[planId];
        if (p.retiredFrom != _NEVER) revert HubPlanAlreadyRetired(planId, p.retiredFrom);
        uint40 retiredFrom = uint40(block.timestamp + NOTICE_PERIOD);
        p.retiredFrom = retiredFrom;
        emit PlanRetirementProposed(planId, retiredFrom);
    }

    /// @notice Always reverts `HubRenounceDisabled`: without an owner no period could be closed again (unless a
    /// period closer is set) and the artists' pool share would be stranded. Transfer ownership instead.
    function renounceOwnership() public view override onlyOwner {
        revert HubRenounceDisabled();
    }

    /// @notice Terms version `version` (1-based).
    function terms(uint256 version) external view returns (Terms memory) {
        return _terms[version - 1];
    }

    /// @notice Number of terms versions announced so far, including pending ones.
    function termsCount() external view returns (uint256) {
        return _terms.length;
    }

    /// @notice The terms version a subscriber joining now would be bound to.
    function activeTermsVersion() external view returns (uint256) {
        return _activeTermsVersion();
    }

    /// @notice Plan `planId`.
    function plan(uint16 planId) external view returns (Plan memory) {
        if (planId >= _plans.length) revert HubUnknownPlan(planId);
        return _plans[planId];
    }

    /// @notice Number of plans announced so far, including pending and retired ones.
    function planCount() external view returns (uint256) {
        return _plans.length;
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Newest version with effectiveAt <= now. Versions are appended with nondecreasing effectiveAt (the
    /// notice is fixed), so scanning back stops at the first effective one; version 1 is effective since deployment.
    function _activeTermsVersion() internal view returns (uint256 version) {
        version = _terms.length;
        while (_terms[version - 1].effectiveAt > block.timestamp) --version;
    }

    /// @dev Reverts unless `value` is within the deployment bounds (`Durations`).
    function _checkDuration(uint256 value) internal pure {
        if (!Durations.valid(value)) revert HubInvalidDuration(value, Durations.MIN, Durations.MAX);
    }

    /// @dev Reverts unless `planId` exists and can be chosen now.
    function _availablePlan(uint16 planId) internal view returns (Plan memory p) {
        if (planId >= _plans.length) revert HubUnknownPlan(planId);
        p = _plans[planId];
        if (block.timestamp < p.availableFrom || block.timestamp >= p.retiredFrom) revert HubPlanUnavailable(planId);
    }

    function _addTerms(
        uint16 referralBps,
        uint16 poolBps,
        uint32 referralDuration,
        uint256 effectiveAt
    ) private returns (uint256 version) {
        if (uint256(referralBps) + poolBps > HubMath.BPS) revert HubInvalidTerms(referralBps, poolBps);
        version = _terms.length + 1;
        // The bound slot stores the version as uint16.
        if (version > type(uint16).max) revert HubCapacityExceeded();
        _terms.push(Terms(referralBps, poolBps, referralDuration, uint40(effectiveAt)));
        emit TermsProposed(version, referralBps, poolBps, referralDuration, effectiveAt);
    }

    function _addPlan(uint96 price, uint32 period, uint256 availableFrom) private returns (uint16 planId) {
        if (price == 0 || period == 0) revert HubInvalidPlan(price, period);
        // The hot slot stores the plan id as uint16.
        if (_plans.length > type(uint16).max) revert HubCapacityExceeded();
        planId = uint16(_plans.length);
        _plans.push(Plan(price, period, uint40(availableFrom), _NEVER));
        emit PlanProposed(planId, price, period, availableFrom);
    }
}
