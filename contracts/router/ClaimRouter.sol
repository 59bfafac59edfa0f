// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClaimRouter} from "../interfaces/IClaimRouter.sol";
import {IDistributor} from "../interfaces/IDistributor.sol";
import {IGrowthPool} from "../interfaces/IGrowthPool.sol";
import {ISplit} from "../interfaces/ISplit.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";

/// @title ClaimRouter
/// @notice Stateless "claim all": one transaction collects an account's hub referral balances, distributor claims,
/// Split shares and growth-pool earnings. Each target pays the account itself, so this contract never holds or forwards funds and needs no
/// trust: it cannot redirect anything, it only saves the account (or its relayer) transactions.
contract ClaimRouter is IClaimRouter {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint8 internal constant _KIND_HUB = 0;
    uint8 internal constant _KIND_DISTRIBUTOR = 1;
    uint8 internal constant _KIND_SPLIT = 2;
    uint8 internal constant _KIND_GROWTH = 3;

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClaimRouter
    function claimAll(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        bool strict
    ) external {
        _claimAll(account, hubs, claims, releases, strict);
    }

    /// @inheritdoc IClaimRouter
    /// @dev Growth legs sync the account's hub units first (so they count for the next deposit), then claim.
    function claimAllWithGrowth(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        GrowthClaim[] calldata growth,
        bool strict
    ) external {
        _claimAll(account, hubs, claims, releases, strict);
        for (uint256 i; i < growth.length; ++i) {
            GrowthClaim calldata g = growth[i];
            try IGrowthPool(g.pool).sync(account) {} catch (bytes memory reason) {
                _skip(account, _KIND_GROWTH, g.pool, reason, strict);
            }
            try IGrowthPool(g.pool).claim(account, g.tokens) {} catch (bytes memory reason) {
                _skip(account, _KIND_GROWTH, g.pool, reason, strict);
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    function _claimAll(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        bool strict
    ) internal {
        for (uint256 i; i < hubs.length; ++i) {
            try ISubscriptionHub(hubs[i]).withdraw(account) {} catch (bytes memory reason) {
                _skip(account, _KIND_HUB, hubs[i], reason, strict);
            }
        }
        for (uint256 i; i < claims.length; ++i) {
            DistributorClaim calldata c = claims[i];
            try IDistributor(c.distributor).claim(account, c.cumulativeAmount, c.proof) {} catch (bytes memory reason) {
                _skip(account, _KIND_DISTRIBUTOR, c.distributor, reason, strict);
            }
        }
        for (uint256 i; i < releases.length; ++i) {
            SplitRelease calldata r = releases[i];
            try ISplit(r.split).releaseTokens(r.tokens, account, r.share, r.totalShares, r.salt, r.proof) {} catch (
                bytes memory reason
            ) {
                _skip(account, _KIND_SPLIT, r.split, reason, strict);
            }
        }
    }

    function _skip(address account, uint8 kind, address target, bytes memory reason, bool strict) internal {
        if (strict) revert ClaimRouterLegFailed(kind, target, reason);
        emit ClaimLegSkipped(account, kind, target, reason);
    }
}
