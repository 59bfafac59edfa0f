// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {IClaimRouter} from "../../../contracts/interfaces/IClaimRouter.sol";
import {RouterFixture} from "./RouterFixture.sol";

// The handler lives in this .t.sol file: the invariant runner only fuzzes contracts from test files.
/// @notice Drives batch payouts through the ClaimRouter: fans subscribing through four artists' links, cumulative
/// roots published, a relayer batching any subset of artists (duplicates included) with a bounded per-leg gas cap, a
/// thief batching requests that try to redirect artists' money to itself, and the token's admin pausing it and
/// blocklisting artists. Ghosts record what each artist was credited and any batch that left a payable artist unpaid.
contract RouterHandler is RouterFixture {
    address public RELAYER = makeAddr("relayer");
    address public THIEF = makeAddr("thief");

    mapping(address => uint256) public ghostCredited;
    uint256 public ghostFunded;
    /// @dev Artists a batch covered, not paused and not blocklisted, that still had something owed after it.
    uint256 public ghostStranded;
    uint256 public batches;
    uint256 public theftAttempts;

    constructor() {
        _deploy();
    }

    function attach(SubscriptionHub hub_, Distributor distributor_) external {
        _attach(hub_, distributor_);
    }

    function artist(uint256 i) external view returns (address) {
        return _artists[i];
    }

    function cumulative(uint256 i) external view returns (uint256) {
        return _cumulative[i];
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function subscribe(uint256 a) external {
        address to = _artists[a % 4];
        ghostCredited[to] += _subscribe(to);
    }

    function publish(uint256 seed) external {
        uint256[4] memory steps;
        uint256 added;
        for (uint256 i; i < 4; ++i) {
            steps[i] = bound(uint256(keccak256(abi.encode(seed, i))), 0, 1e12);
            added += steps[i];
        }
        if (_publish(steps)) ghostFunded += added;
    }

    /// @dev The relayer pays the artists in `mask` (bit i = artist i), artist `dup` twice when `twice` is set.
    function batch(uint8 mask, bool twice, uint256 dup, uint256 legGas) external {
        mask = mask % 16 == 0 ? 1 : mask % 16;
        uint256 n;
        for (uint256 i; i < 4; ++i) if (mask & (1 << i) != 0) ++n;
        IClaimRouter.ClaimRequest[] memory requests = new IClaimRouter.ClaimRequest[](twice ? n + 1 : n);
        uint256 k;
        for (uint256 i; i < 4; ++i) if (mask & (1 << i) != 0) requests[k++] = _request(i);
        if (twice) requests[n] = _request(dup % 4);
        legGas = bound(legGas, 200_000, 2_000_000);
        vm.prank(RELAYER);
        router.claimAllFor(requests, legGas);
        ++batches;
        for (uint256 i; i < 4; ++i) {
            if (mask & (1 << i) == 0 || usdc.paused() || usdc.isBlacklisted(_artists[i])) continue;
            if (_owed(i) != 0) ++ghostStranded;
        }
    }

    /// @dev The thief batches requests that name itself with a victim's leaf and hub, or the victim with an inflated
    /// leaf, or the victim's own request under its hub as "the thief's" target list. None can pay the thief.
    function steal(uint256 victim, uint8 how) external {
        uint256 v = victim % 4;
        IClaimRouter.ClaimRequest[] memory requests = new IClaimRouter.ClaimRequest[](2);
        requests[0] = _request(v);
        requests[0].account = THIEF;
        requests[1] = _request(v);
        if (requests[1].claims.length != 0) requests[1].claims[0].cumulativeAmount += 1 + (how % 7);
        if (how % 2 == 1 && requests[0].claims.length != 0) requests[0].claims[0].cumulativeAmount = 1;
        vm.prank(THIEF);
        router.claimAllFor(requests, 500_000);
        ++theftAttempts;
    }

    function togglePause() external {
        if (usdc.paused()) usdc.unpause();
        else usdc.pause();
    }

    function toggleBlocklist(uint256 a) external {
        address who = _artists[a % 4];
        if (usdc.isBlacklisted(who)) usdc.unBlacklist(who);
        else usdc.blacklist(who);
    }
}
